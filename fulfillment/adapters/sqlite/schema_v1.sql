-- Emma schema, version 1. Money is stored in integer cents.
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    brand TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    materials TEXT NOT NULL DEFAULT '[]',
    features TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    rating REAL,
    review_count INTEGER NOT NULL DEFAULT 0,
    sellable INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX products_category ON products (category);
CREATE INDEX products_brand ON products (brand);

CREATE TABLE variants (
    sku TEXT PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    color TEXT,
    size TEXT,
    price_cents INTEGER NOT NULL,
    compare_at_cents INTEGER,
    stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0)
);
CREATE INDEX variants_product ON variants (product_id);

CREATE TABLE store_stock (
    sku TEXT NOT NULL REFERENCES variants (sku) ON DELETE CASCADE,
    store TEXT NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sku, store)
);

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX reviews_product ON reviews (product_id);

-- Contentless full-text index over products; rowid = products.id.
CREATE VIRTUAL TABLE product_fts USING fts5 (
    title, brand, type, category, features, materials, tags, colors, description,
    content = '', tokenize = 'porter unicode61 remove_diacritics 2'
);
-- BM25 column weights for ORDER BY rank: a hit in the title or type says far more about what
-- the product *is* than one in the description.
INSERT INTO product_fts (product_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 8.0, 4.0, 2.0, 2.0, 1.5, 2.0, 0.5)');

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    address TEXT,
    sizes TEXT NOT NULL DEFAULT '{}',
    favourite_brands TEXT NOT NULL DEFAULT '[]',
    pin_hash TEXT,
    pin_failures INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE cart_items (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    sku TEXT NOT NULL REFERENCES variants (sku),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    added_at TEXT NOT NULL,
    PRIMARY KEY (customer_id, sku)
);

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    status TEXT NOT NULL,
    address TEXT,
    shipping_cents INTEGER NOT NULL DEFAULT 0,
    total_cents INTEGER NOT NULL,
    placed_at TEXT NOT NULL,
    status_dates TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX orders_customer ON orders (customer_id, placed_at);

CREATE TABLE order_items (
    order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku TEXT NOT NULL,
    title TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    price_cents INTEGER NOT NULL
);
CREATE INDEX order_items_order ON order_items (order_id);

CREATE TABLE returns (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    created_at TEXT NOT NULL
);

CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    reason TEXT NOT NULL DEFAULT '',
    conversation TEXT NOT NULL DEFAULT '[]',
    cart TEXT NOT NULL DEFAULT '{}',
    claimed_by TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);

CREATE TABLE turns (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    session_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    created_at TEXT NOT NULL,
    text TEXT NOT NULL,
    intent TEXT,
    confidence REAL,
    entities TEXT NOT NULL DEFAULT '[]',
    action TEXT,
    reply TEXT,
    timings TEXT NOT NULL DEFAULT '{}',
    asr TEXT,
    error TEXT,
    result TEXT
);
CREATE INDEX turns_session ON turns (session_id, created_at);
CREATE INDEX turns_created ON turns (created_at);
