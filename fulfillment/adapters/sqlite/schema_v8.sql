-- Version 8: product texts in other languages, as a translation table.
-- `products` keeps the catalog in its own language; `product_texts` holds, per product and language, the
-- title, description, features, materials and reviews a shopper of that language reads. A table rather
-- than a column per language: a shop adds a language without a migration, a product without a
-- translation simply shows its own texts, and SKUs, prices and stock stay in one place.
CREATE TABLE product_texts (
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    language TEXT NOT NULL,                     -- ISO 639-1: de
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    features TEXT NOT NULL DEFAULT '[]',        -- JSON list, in the order of products.features
    materials TEXT NOT NULL DEFAULT '[]',
    reviews TEXT NOT NULL DEFAULT '[]',         -- JSON [{rating, text}]
    PRIMARY KEY (product_id, language)
);
