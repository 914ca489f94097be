import { type paths } from '../api/generated/schema';

export const TAMPER_EPISODES = '/api/ledger/v1/enterprises/{enterpriseId}/camera-tamper-episodes';

export type TamperEpisode =
  paths[typeof TAMPER_EPISODES]['get']['responses'][200]['content']['application/json']['items'][number];

/** The periods the list offers, in days back from now. */
export const TAMPER_PERIODS = [7, 30, 90] as const;
export type TamperPeriod = (typeof TAMPER_PERIODS)[number];

/** The query of the last `days` days up to now (the ledger lists episodes overlapping it). */
export function tamperQuery(days: number, now: Date, cameraId?: string) {
  return {
    from: new Date(now.getTime() - days * 86_400_000).toISOString(),
    to: now.toISOString(),
    ...(cameraId ? { cameraId } : {}),
  };
}

/** How long the camera was tampered with: up to now while it lasts. */
export function episodeSeconds(episode: Pick<TamperEpisode, 'startedAt' | 'endedAt'>, now: Date): number {
  const end = episode.endedAt ? Date.parse(episode.endedAt) : now.getTime();
  return Math.max(0, Math.round((end - Date.parse(episode.startedAt)) / 1000));
}

/** `2 h 5 min`, `12 min`, `< 1 min`: how long, as an operator reads it. */
export function formatSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}
