-- Version 3: a product's search vector names each colour once, as SQLite's index does (Product.colors).
-- Version 1 added a product's colour once per variant ("black" nine times), which weighed colours more than
-- on SQLite and made ts_rank_cd walk every repeat. The vector is now one function, used by the catalog's
-- writes and by the copy alike; this migration recomputes the vectors already stored.

-- A product's weighted words (A: title and type, B: brand and category, C: features, materials, tags and
-- colours, D: description); JSON arrays as text lose their punctuation, which is no word anyway.
CREATE FUNCTION emma_product_vector(config REGCONFIG, title TEXT, type TEXT, brand TEXT, category TEXT,
                                    features TEXT, materials TEXT, tags TEXT, colors TEXT, description TEXT)
RETURNS TSVECTOR LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(config, title || ' ' || type), 'A')
        || setweight(to_tsvector(config, brand || ' ' || category), 'B')
        || setweight(to_tsvector(config, translate(features, '[]",', '    ') || ' '
                                 || translate(materials, '[]",', '    ') || ' ' || translate(tags, '[]",', '    ')
                                 || ' ' || colors), 'C')
        || setweight(to_tsvector(config, description), 'D')
$$;

-- A product's colours, each once, in the order of its variants (Product.colors).
CREATE FUNCTION emma_product_colors(product BIGINT) RETURNS TEXT LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(c.color, ' ' ORDER BY c.first), '')
    FROM (SELECT v.color, min(v.rowid) AS first FROM variants v
          WHERE v.product_id = product AND v.color <> '' GROUP BY v.color) AS c
$$;

-- The catalog is in the default language, English (wiring.open_shop), the only configuration vectors were
-- built in so far.
UPDATE products p SET search = emma_product_vector('english', p.title, p.type, p.brand, p.category, p.features,
                                                   p.materials, p.tags, emma_product_colors(p.id), p.description)
WHERE p.search IS NOT NULL;
