-- Version 6: idempotency keys are scoped to their customer. The stored key becomes "customer_id/key"
-- (customer ids never contain '/'), so the existing UNIQUE constraints hold per customer.
UPDATE turns SET idempotency_key = customer_id || '/' || idempotency_key
    WHERE idempotency_key IS NOT NULL AND instr(idempotency_key, '/') = 0;
UPDATE orders SET idempotency_key = customer_id || '/' || idempotency_key
    WHERE idempotency_key IS NOT NULL AND instr(idempotency_key, '/') = 0;
