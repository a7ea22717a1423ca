"""Building what is posted: the digest service, the day's highlights, history of counts, report pages, weekly roll-ups."""
