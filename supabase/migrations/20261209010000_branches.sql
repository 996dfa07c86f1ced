-- Conversations branch: a regenerated reply keeps the one before it as an alternative, and editing
-- any message forks a new branch beside it. Messages form a tree (parent_id, the message it
-- follows; the greeting has none), and the branch being shown is the path of `active` messages.
--
-- Along any path a child is written after its parent, so the active path ordered by seq is the
-- conversation as it reads: every query that read "the conversation's messages by seq" reads the
-- same with "and active", down the partial index below. Moving to another branch turns the path
-- after the fork off and the chosen one on (lib/conversations/branches.ts); `chosen_at` remembers
-- which child each message last continued with, so coming back to a branch restores its end.
alter table hearth.messages
  add column if not exists parent_id uuid references hearth.messages (id) on delete cascade,
  add column if not exists active boolean not null default true,
  add column if not exists chosen_at timestamptz not null default clock_timestamp();

-- Every existing conversation is one branch: each message follows the one written before it.
update hearth.messages m
   set parent_id = p.parent_id
  from (select id, lag(id) over (partition by conversation_id order by seq) as parent_id from hearth.messages) p
 where p.id = m.id and m.parent_id is null and p.parent_id is not null;

create index if not exists messages_active_seq_idx on hearth.messages (conversation_id, seq) where active;
create index if not exists messages_parent_idx on hearth.messages (parent_id);

-- One active child per message and one active first message per conversation: the active messages
-- are one path, never two branches at once. A second turn racing the first from the same message
-- fails here instead of interleaving with it.
create unique index if not exists messages_one_active_child_idx on hearth.messages (parent_id) where active;
create unique index if not exists messages_one_active_root_idx on hearth.messages (conversation_id)
  where active and parent_id is null;

-- Where a message goes: one written without a parent follows the end of the active branch (none:
-- it is the conversation's first), so every writer appends to what the conversation shows unless
-- it names the message it answers; and a parent is always of the same conversation.
create or replace function hearth.place_message()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' and new.parent_id is null and new.active then
    select m.id into new.parent_id from hearth.messages m
     where m.conversation_id = new.conversation_id and m.active order by m.seq desc limit 1;
  elsif new.parent_id is not null and not exists (
    select 1 from hearth.messages p where p.id = new.parent_id and p.conversation_id = new.conversation_id
  ) then
    raise exception 'a message follows a message of its own conversation' using errcode = '23503';
  end if;
  return new;
end
$$;

drop trigger if exists messages_place on hearth.messages;
create trigger messages_place before insert or update of parent_id on hearth.messages
  for each row execute function hearth.place_message();

-- Search finds what the conversation says now: the active branch.
create or replace function hearth.search_messages(p_query text)
returns table (conversation_id uuid, parts jsonb)
language sql stable security definer set search_path = ''
as $$
  select distinct on (m.conversation_id) m.conversation_id, m.parts
    from hearth.messages m
   where to_tsvector('simple'::regconfig, jsonb_path_query_array(m.parts, '$[*] ? (@.type == "text").text'))
         @@ to_tsquery('simple', p_query)
     and m.user_id = hearth.requesting_user_id()
     and m.active
   order by m.conversation_id, m.seq desc
$$;

select hearth.lock_down();
grant execute on function hearth.search_messages(text) to hearth_user;
grant execute on function hearth.place_message() to hearth_user;
