"""What the heuristic says: findings (insights, risks, recommendations the evidence supports), the writer
that turns evidence into sentences, and the en/zh phrase templates."""
