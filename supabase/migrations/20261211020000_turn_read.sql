-- A chat turn's read in one statement whose plan is kept (lib/chat/turn-read.ts): the
-- conversation with its companion, rolling summary and the person's persona, and the newest
-- messages of its active branch after the summary. As two statements from the app, PostgreSQL
-- parsed and planned both on every turn (0.6 ms of planning for the conversation's joins under
-- RLS alone); PL/pgSQL keeps the plan per session. Security invoker: RLS decides what it reads,
-- as it does for the app's own queries. The companion, summary and persona objects are the ones
-- COMPANION_JSON and PERSONA_JSON build, and a test checks the two reads agree.
create or replace function hearth.turn_read(p_conversation uuid, p_history_limit integer)
returns table (
  id uuid, title text, model text, language text, companion_id uuid, created_at timestamptz,
  updated_at timestamptz, pinned_at timestamptz, archived_at timestamptz,
  companion json, summary json, person json, history json
)
language plpgsql stable set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select c.id, c.title, c.model, c.language, c.companion_id, c.created_at, c.updated_at, c.pinned_at, c.archived_at,
           json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'tagline', p.tagline,
             'description', p.description, 'instructions', p.instructions, 'greeting', p.greeting, 'avatarUrl', p.avatar_url,
             'accentColor', p.accent_color, 'specialties', p.specialties, 'languages', p.languages,
             'defaultModel', p.default_model, 'fallbackModels', p.fallback_models, 'nsfw', p.nsfw, 'temperature', p.temperature,
             'maxOutputTokens', p.max_output_tokens, 'voice', p.voice, 'voices', p.voices, 'personality', p.personality,
             'scenario', p.scenario, 'exampleDialogue', p.example_dialogue, 'ownerId', p.owner_id, 'audience', p.audience),
           json_build_object('text', c.summary, 'throughSeq', c.summary_through_seq::text),
           case
             when persona_own.id is not null then json_build_object('name', persona_own.name, 'pronouns', persona_own.pronouns, 'about', persona_own.about)
             when persona_usual.id is not null then json_build_object('name', persona_usual.name, 'pronouns', persona_usual.pronouns, 'about', persona_usual.about)
           end,
           (select coalesce(json_agg(h.entry order by h.seq), '[]'::json)
              from (select m.seq,
                           json_build_object('id', m.id, 'role', m.role, 'seq', m.seq::text, 'parentId', m.parent_id,
                             'text', coalesce((select string_agg(part ->> 'text', '' order by n)
                                                 from jsonb_array_elements(m.parts) with ordinality as t(part, n)
                                                where part ->> 'type' = 'text'), ''),
                             'hasFiles', m.parts @> '[{"type": "file"}]') as entry
                      from hearth.messages m
                     where m.conversation_id = c.id and m.active and m.seq > c.summary_through_seq
                     order by m.seq desc
                     limit p_history_limit) h)
      from hearth.conversations c
      join hearth.companions p on p.id = c.companion_id
      left join hearth.user_personas persona_own
        on persona_own.user_id = c.user_id and persona_own.companion_id = c.companion_id
      left join hearth.user_personas persona_usual
        on persona_usual.user_id = c.user_id and persona_usual.companion_id is null
     where c.id = p_conversation;
end
$$;

select hearth.lock_down();
grant execute on function hearth.turn_read(uuid, integer) to hearth_user;
