-- Deleting one's own account: the users row (and with it, by cascade, conversations, messages,
-- keys, usage and upload rows). Runs as the table owner because authenticated may not delete users;
-- it deletes only the requesting user. The app deletes the stored files around it (lib/auth/account.ts).
create or replace function public.delete_own_account() returns boolean
language plpgsql security definer set search_path = public
as $$
declare
  me uuid := public.requesting_user_id();
begin
  if me is null then
    return false;
  end if;
  delete from public.users where id = me;
  return found;
end
$$;
revoke all on function public.delete_own_account() from public;
grant execute on function public.delete_own_account() to authenticated;
