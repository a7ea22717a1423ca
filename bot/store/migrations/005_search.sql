-- 005: the full-text index of stored analyses that `ask` reads with the PostgreSQL store (bot/core/search_pg.py).
-- (Numbered 005, not 003: other branches add 003/004 alongside; numbers only need to be unique and ordered.)
-- One row per commit, language and analyzer, as SQLite FTS5 keeps them beside TinyDB (bot/core/search.py).
-- The *_words columns are filled by the bot already lower-cased, split into letters-and-digits tokens and
-- with each CJK character spaced out (bot/core/search_text.py: words), so the 'simple' configuration
-- (no stemming, no stop words) makes one lexeme per token, whatever the database's locale.
create table digestbot.search_docs (
    key text primary key,              -- sha|lang|analyzer
    repo text not null,                -- the repository as followed, lower case: the filter
    repo_name text not null,           -- as followed: what a hit shows
    sha text not null,
    lang text not null,
    day date not null,                 -- the commit's (UTC) day: the "since" filter
    url text,
    importance text not null,
    change_type text not null,
    title text not null,
    summary text not null,
    title_words text not null,
    body_words text not null,
    facts_words text not null,
    -- weights: the title (A) counts most, then the facts (B), then the message and analysis (C)
    document tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, title_words), 'A') ||
        setweight(to_tsvector('simple'::regconfig, facts_words), 'B') ||
        setweight(to_tsvector('simple'::regconfig, body_words), 'C')) stored,
    updated_at timestamptz not null default now()
);
create index search_docs_document on digestbot.search_docs using gin (document);
create index search_docs_repo_day on digestbot.search_docs (repo, day);

-- the version of the index's contents: an index built by an older digestbot (or none, after a migration or
-- `digestbot copy-store`) is rebuilt from the store by the first instance to use it, under an advisory lock
create table digestbot.search_state (name text primary key, version text not null,
                                     built_at timestamptz not null default now());

comment on table digestbot.search_docs is 'the full-text index of stored analyses that ask reads';
comment on table digestbot.search_state is 'which version of the search index was built from the store, and when';
