-- A published persona needs system instructions: without them the model is told nothing about who
-- it is (a card imported with its definition in the wrong field, a studio draft never finished).
-- lib/personas/service.ts refuses first with an inline error; this trigger is the same rule for
-- every other way a row can change.
--
-- It refuses the change that breaks the rule (publishing without instructions, or emptying the
-- instructions of a published persona), not rows that already broke it before this migration: those
-- can still be archived, restored or unpublished, and publishing them again needs instructions.
-- SQLSTATE HQ422: lib/errors.ts turns it into a 400 on fields.instructions. An AFTER trigger, so that
-- row-level security refuses a non-admin's write first, whatever its fields.

create or replace function hearth.enforce_persona_publish_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.visibility = 'published' and new.instructions !~ '\S'
     and (tg_op = 'INSERT' or old.visibility is distinct from 'published' or old.instructions ~ '\S') then
    raise exception using
      errcode = 'HQ422',
      message = 'a published persona needs system instructions';
  end if;
  return null;
end
$$;

drop trigger if exists companions_publish_rules on hearth.companions;
create trigger companions_publish_rules
  after insert or update of visibility, instructions on hearth.companions
  for each row execute function hearth.enforce_persona_publish_rules();

select hearth.lock_down();
