export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordStrength {
  /** 0 (empty) … 4 (strong) */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  color: string;
}

const LABELS: Record<PasswordStrength['score'], [string, string]> = {
  0: ['Too short', 'red'],
  1: ['Weak', 'red'],
  2: ['Fair', 'orange'],
  3: ['Good', 'teal'],
  4: ['Strong', 'green'],
};

/** A simple, dependency-free strength estimate used for the hint under password fields. */
export function passwordStrength(password: string): PasswordStrength {
  let score: PasswordStrength['score'] = 0;
  if (password.length >= MIN_PASSWORD_LENGTH) {
    let points = 1;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) =>
      re.test(password),
    ).length;
    if (classes >= 3) points += 1;
    if (password.length >= 14) points += 1;
    if (password.length >= 18 || (classes === 4 && password.length >= 12)) points += 1;
    if (/^(.)\1+$/.test(password) || /^(?:0123456789|1234567890|password)/i.test(password)) {
      points = 1;
    }
    score = Math.min(4, points) as PasswordStrength['score'];
  }
  const [label, color] = LABELS[score];
  return { score, label, color };
}

/** Client-side validation mirroring the server rule (min length 10). */
export function validateNewPassword(password: string): string | null {
  if (!password) return 'Enter a password';
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  return null;
}

export function validateEmail(email: string): string | null {
  const v = email.trim();
  if (!v) return 'Enter an e-mail address';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'Enter a valid e-mail address';
  return null;
}
