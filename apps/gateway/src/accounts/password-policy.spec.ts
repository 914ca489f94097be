import { passwordExpired, passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts 10+ characters of 3 classes without the username', () => {
    expect(passwordProblems('Gatekeeper9', 'wang.li')).toEqual([]);
    expect(passwordProblems('gate-keeper-9', 'wang.li')).toEqual([]);
  });

  it.each([
    ['Short9!', ['too-short']],
    ['alllowercaseletters', ['too-few-classes']],
    ['lowercase12345', ['too-few-classes']],
    ['xWang.Li-2024', ['contains-username']],
  ])('refuses %s', (password, problems) => {
    expect(passwordProblems(password, 'wang.li')).toEqual(problems);
  });

  it('counts characters, not bytes, for the length', () => {
    expect(passwordProblems('闸门管理员密A1b', 'x')).toEqual(['too-short']);
  });
});

describe('passwordExpired', () => {
  const changed = new Date('2026-01-01T00:00:00Z');
  it('expires after the maximum age', () => {
    expect(passwordExpired(changed, 90, new Date('2026-03-31T00:00:00Z'))).toBe(false);
    expect(passwordExpired(changed, 90, new Date('2026-04-02T00:00:00Z'))).toBe(true);
  });
});
