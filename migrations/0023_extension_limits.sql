-- How many registration extensions a round allows (issue 18; DOMAIN.md
-- "Stages" 2): the first for units below extension_threshold x quota, each
-- further one for units still below 1x quota. A unit still short after the
-- last one is filled by appointment (penunjukan, table seat_holders).
-- Keputusan KPU 534/2022 gives two in all, the default; their length is
-- the existing extension_days.
ALTER TABLE rounds ADD COLUMN extensions_allowed INTEGER NOT NULL DEFAULT 2
    CHECK (extensions_allowed BETWEEN 1 AND 5);
