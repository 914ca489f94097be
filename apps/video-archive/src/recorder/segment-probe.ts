import { execFile } from 'node:child_process';

/**
 * Duration in seconds of a media file as ffprobe reads it, or 0 when it holds no readable
 * frames (an unlisted tail ffmpeg had just opened). Used only for files ffmpeg did not list.
 */
export function probeDurationSeconds(path: string, ffprobePath = 'ffprobe'): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      ffprobePath,
      ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path],
      { timeout: 30_000 },
      (error, stdout) => {
        const seconds = Number(String(stdout).trim());
        resolve(error || !Number.isFinite(seconds) || seconds < 0 ? 0 : seconds);
      },
    );
  });
}
