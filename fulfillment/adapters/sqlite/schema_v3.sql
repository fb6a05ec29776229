-- Version 3: daily audio counters. Silent recordings are never stored as turns; only counted here,
-- in aggregate, so the "didn't hear anything" rate can be reported.
CREATE TABLE audio_stats (
    day TEXT NOT NULL,
    channel TEXT NOT NULL,
    audio_turns INTEGER NOT NULL DEFAULT 0,
    no_speech INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, channel)
);
