/** Why a new password is refused (等保 2.0 身份鉴别: complexity); shown to the user as is. */
export type PasswordProblem = 'too-short' | 'too-few-classes' | 'contains-username' | 'too-long';

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 takes any length; the cap keeps a login request cheap to refuse. */
export const MAX_PASSWORD_LENGTH = 256;

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** ≥ 10 characters, 3 of the 4 classes (lower, upper, digit, other), not containing the username. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push('too-short');
  if (password.length > MAX_PASSWORD_LENGTH) problems.push('too-long');
  if (CLASSES.filter((pattern) => pattern.test(password)).length < 3) problems.push('too-few-classes');
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('contains-username');
  return problems;
}

/** Expired after `maxAgeDays` since the last change: the next login must change it. */
export function passwordExpired(changedAt: Date, maxAgeDays: number, now: Date): boolean {
  return now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;
}
