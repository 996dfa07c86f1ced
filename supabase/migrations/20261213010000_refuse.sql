-- A chat turn's writes go to the database in one message (lib/chat/turn-plan.ts), so the app
-- cannot look at one statement's result before the next runs. Where a write finds other than what
-- the turn read (a file another message took first, a message gone since), its statement calls
-- this: the refusal ends the message's transaction, nothing of the turn is written, and
-- lib/errors.ts turns the code into the product's answer (HQ409 conflict, HQ404 not found).
create or replace function hearth.refuse(p_code text, p_message text)
returns void
language plpgsql set search_path = ''
as $$
begin
  raise exception using errcode = p_code, message = p_message;
end;
$$;

select hearth.lock_down();
grant execute on function hearth.refuse(text, text) to hearth_user;
