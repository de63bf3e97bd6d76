/** Sign-in page. Errors name the problem without telling which usernames exist. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useHq, useHqStore } from '../state/context';
import { LanguageSwitch } from './LanguageSwitch';

export function Login() {
  const { t } = useTranslation();
  const store = useHqStore();
  const error = useHq((s) => (s.auth.status === 'signed-out' ? s.auth.error : null));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.login(username, password);
    setBusy(false);
    if (r.ok) store.getState().signedIn(r.value);
    else store.getState().signedOut(r.error.code);
  };
  return (
    <main className="login">
      <div className="login-card">
        <div className="login-head">
          <h1>{t('app.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('login.intro')}</p>
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {t('login.username')}
            <input
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </label>
          <label>
            {t('login.password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          {error ? (
            <p role="alert" className="error">
              {t(`login.errors.${error}`, { defaultValue: t('login.errors.other') })}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
