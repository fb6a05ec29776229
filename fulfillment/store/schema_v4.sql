-- Version 4: support review (users, sessions, annotations, transcript search). Being written.
SELECT 1;
