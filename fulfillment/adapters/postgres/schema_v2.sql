-- Version 2: the SQLite schema's version 8 (product texts in other languages), and transcript search that
-- folds accents like SQLite's `unicode61 remove_diacritics 2` tokenizer.

-- Product texts in other languages: the same columns as SQLite's, plus a search vector in that language's
-- text search configuration (german stems "Regenjacken" to "regenjack"). Generated, so an import or a copy
-- never has to remember it.
CREATE TABLE product_texts (
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    features TEXT NOT NULL DEFAULT '[]',
    materials TEXT NOT NULL DEFAULT '[]',
    reviews TEXT NOT NULL DEFAULT '[]',
    search TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE language WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig
                              ELSE 'simple'::regconfig END, title), 'A')
        || setweight(to_tsvector(CASE language WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig
                                 ELSE 'simple'::regconfig END,
                                 translate(features || ' ' || materials, '[]",', '    ')), 'C')
        || setweight(to_tsvector(CASE language WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig
                                 ELSE 'simple'::regconfig END, description), 'D')
    ) STORED,
    PRIMARY KEY (product_id, language)
);
CREATE INDEX product_texts_search ON product_texts USING GIN (search);

-- What shoppers said, searched by the support app: words as they are (no stemming), accents folded.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION emma_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION emma_words ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
DROP INDEX turns_text;
CREATE INDEX turns_words ON turns USING GIN (to_tsvector('emma_words', text));
