-- The chat turn's read functions are PL/pgSQL so that their plans are kept per session
-- (20261211010000_memory_candidates_plan.sql, 20261211020000_turn_read.sql), but PostgreSQL went on
-- planning them: a PL/pgSQL query with parameters gets a custom plan on its first five runs, and
-- keeps getting one while the generic plan's estimate is not cheaper, which for these two it was
-- not. The plans are the same either way (index lookups by id, the newest messages by the active
-- branch's index); only the planning goes. Measured on PostgreSQL 15 as hearth_user, warm:
-- turn_read 0.9 to 0.3 ms for a short conversation and 1.9 to 1.45 ms for the newest 200 of 10,000
-- messages; memory_candidates 0.9 to 0.23 ms. A later `create or replace` of either must say this
-- again (lib/chat/turn-read.test.ts checks it).
alter function hearth.turn_read(uuid, integer) set plan_cache_mode = force_generic_plan;
alter function hearth.memory_candidates(uuid, text[], integer) set plan_cache_mode = force_generic_plan;
