import { imageModelFor } from '@/lib/ai/image-models';
import { REMOTE_PROVIDERS, remoteProvider, type Env } from '@/lib/ai/providers';
import { currentProblems, getConfig, type Config } from '@/lib/config';
import { mailDelivery } from '@/lib/mail/delivery';
import { SPEECH_PROVIDERS, speechProvider } from '@/lib/voice/speech';
import { transcriptionProvider } from '@/lib/voice/transcription';

/**
 * The admin dashboard's setup checklist: what this deployment has switched on, in an operator's
 * words, with the settings that change it. Every line asks the module that decides (the provider
 * registry, the voice and picture modules, the configuration), so it cannot disagree with them.
 */
export type SetupState = 'ready' | 'optional' | 'attention';
export type SetupItem = {
  id: string;
  title: string;
  state: SetupState;
  /** What happens now, in a sentence. */
  summary: string;
  /** The environment variables that change it. */
  variables: string[];
  /** The section of docs/configuration.md that explains it (its heading). */
  docs: string;
};

const DOCS = {
  models: 'Models and providers',
  media: 'Attachments, pictures and voice',
  files: 'Files',
  database: 'The database',
  accounts: 'Sign-in, accounts and admins',
  limits: 'Limits, caps and Redis',
  settings: 'The settings',
};

const label = (id: string) => remoteProvider(id)?.label ?? id;
const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
const TRANSCRIBERS = ['groq', 'openai', 'google'].map((id) => remoteProvider(id)!.requiredEnv);
const PICTURE_KEYS = ['GOOGLE_GENERATIVE_AI_API_KEY', 'OPENAI_API_KEY', 'REPLICATE_API_TOKEN'];

function models(env: Env): SetupItem {
  const on = REMOTE_PROVIDERS.filter((provider) => env[provider.requiredEnv]);
  return {
    id: 'models',
    title: 'Text models',
    state: on.length ? 'ready' : 'attention',
    summary: on.length
      ? `Companions answer with ${list(on.map((p) => p.label))}.`
      : 'No provider key: every companion answers with the built-in offline demo model.',
    variables: REMOTE_PROVIDERS.map((provider) => provider.requiredEnv),
    docs: DOCS.models,
  };
}

function voice(env: Env): SetupItem[] {
  const stt = transcriptionProvider(env);
  const tts = speechProvider(env);
  return [
    {
      id: 'speech-to-text',
      title: 'Speech to text',
      state: stt ? 'ready' : 'optional',
      summary: stt
        ? `Voice notes and calls are transcribed by ${label(stt)}.`
        : 'Voice notes are kept without a transcript, and calls need typing.',
      variables: TRANSCRIBERS,
      docs: DOCS.media,
    },
    {
      id: 'text-to-speech',
      title: 'Text to speech',
      state: tts ? 'ready' : 'optional',
      summary: tts
        ? `Companions speak with ${SPEECH_PROVIDERS.find((p) => p.id === tts)!.label} voices.`
        : "Calls use the browser's own voice.",
      variables: [...new Set(SPEECH_PROVIDERS.map((p) => p.keyEnv)), 'SPEECH_PROVIDER'],
      docs: DOCS.media,
    },
  ];
}

function pictures(env: Env): SetupItem {
  const id = imageModelFor(env).id;
  const offline = id.startsWith('offline/');
  return {
    id: 'pictures',
    title: 'Pictures',
    state: offline ? 'optional' : 'ready',
    summary: offline ? 'Companions draw with the offline sketcher.' : `Companions draw pictures with ${id}.`,
    variables: PICTURE_KEYS,
    docs: DOCS.media,
  };
}

function mail(config: Config): SetupItem {
  const delivery = mailDelivery(config);
  const summary = {
    smtp: 'Verification and password-reset links are sent by SMTP.',
    log: 'Mail is printed to the server log instead of being sent (fine for development).',
    off: 'No mail: people cannot confirm their address or reset a password.',
  }[delivery.mode];
  return {
    id: 'mail',
    title: 'Mail',
    state: delivery.mode === 'smtp' ? 'ready' : delivery.mode === 'off' ? 'attention' : 'optional',
    summary,
    variables: ['SMTP_URL', 'SMTP_HOST', 'MAIL_FROM', 'NEXTAUTH_URL'],
    docs: DOCS.accounts,
  };
}

function storage(config: Config): SetupItem {
  const { storage: store, platform } = config;
  const supabase = store.kind === 'supabase';
  const halfSet = store.kind === 'local' && store.halfSet;
  return {
    id: 'storage',
    title: 'File storage',
    state: supabase ? 'ready' : halfSet || platform.vercel ? 'attention' : 'optional',
    summary: supabase
      ? `Uploads go to the Supabase Storage bucket "${store.bucket}".`
      : halfSet
        ? `Only ${halfSet} is set: uploads stay on local disk until both Supabase settings are.`
        : platform.vercel
          ? "Uploads are on the instance's local disk, which Vercel does not keep."
          : 'Uploads are kept on local disk, in the data directory.',
    variables: ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_STORAGE_BUCKET'],
    docs: DOCS.files,
  };
}

function database(config: Config): SetupItem {
  return {
    id: 'database',
    title: 'Database',
    state: config.database.url ? 'ready' : 'optional',
    summary: config.database.url
      ? `PostgreSQL, from ${config.database.from}.`
      : 'The embedded database in the data directory: one server process only.',
    variables: ['DATABASE_URL', 'HEARTH_DATA_DIR'],
    docs: DOCS.database,
  };
}

function guards(config: Config): SetupItem[] {
  const vercel = config.platform.vercel;
  return [
    {
      id: 'turnstile',
      title: 'Bot check on sign-up',
      state: config.humanCheck ? 'ready' : config.humanCheckHalfSet ? 'attention' : 'optional',
      summary: config.humanCheck
        ? 'Cloudflare Turnstile checks sign-ups and new guests.'
        : config.humanCheckHalfSet
          ? `Only ${config.humanCheckHalfSet} is set: Turnstile needs both keys.`
          : 'Sign-ups are not checked for bots (rate limits still apply).',
      variables: ['TURNSTILE_SITE_KEY', 'TURNSTILE_SECRET_KEY'],
      docs: DOCS.accounts,
    },
    {
      id: 'redis',
      title: 'Redis',
      state: config.redisUrl ? 'ready' : vercel ? 'attention' : 'optional',
      summary: config.redisUrl
        ? 'Rate limits, Stop and reply resumption are shared through Redis.'
        : 'Not set: fine on one server; with several instances, Stop and resuming a reply are slower.',
      variables: ['REDIS_URL'],
      docs: DOCS.limits,
    },
    {
      id: 'cron',
      title: 'Scheduled jobs',
      state: config.cronSecret ? 'ready' : vercel ? 'attention' : 'optional',
      summary: config.cronSecret
        ? 'The scheduled-jobs route accepts calls that carry the cron secret.'
        : 'No cron secret: Vercel Cron cannot run the clean-up jobs (a self-hosted server runs them on its own timer).',
      variables: ['CRON_SECRET'],
      docs: DOCS.settings,
    },
  ];
}

export function setupChecklist(env: Env = process.env, config: Config = getConfig(env)): SetupItem[] {
  return [
    models(env),
    ...voice(env),
    pictures(env),
    mail(config),
    storage(config),
    database(config),
    ...guards(config),
  ];
}

/** The warnings the server printed at start (refusals never get this far: the server did not start). */
export function setupWarnings(config: Config = getConfig()): string[] {
  return currentProblems(config)
    .filter((problem) => problem.level === 'warning')
    .map((problem) => problem.message);
}
