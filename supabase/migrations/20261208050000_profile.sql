-- What a person sets in Settings beyond their name: a picture of their own and a theme.
--
-- avatar_path is an object in the blob store (lib/storage), under the owner's id like every file
-- of theirs, so deleting the account deletes it with the rest (lib/auth/account.ts reads it
-- through userUploadPaths). theme follows the account from device to device: the app copies it
-- into a cookie, which the server reads to render the page in that theme from the first byte.
alter table hearth.users add column if not exists avatar_path text;
alter table hearth.users add column if not exists theme text not null default 'system';

do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'users_avatar_path_check'
                    and conrelid = 'hearth.users'::regclass) then
    alter table hearth.users add constraint users_avatar_path_check
      check (avatar_path is null or (char_length(avatar_path) <= 300 and avatar_path like id::text || '/%'));
  end if;
  if not exists (select 1 from pg_constraint where conname = 'users_theme_check'
                    and conrelid = 'hearth.users'::regclass) then
    alter table hearth.users add constraint users_theme_check check (theme in ('system', 'light', 'dark'));
  end if;
end
$$;

-- The users_own_row policy already limits updates to the person's own row.
grant update (avatar_path, theme) on hearth.users to hearth_user;
