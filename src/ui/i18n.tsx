import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { detectLang, translate, type Lang, type MessageKey } from './messages.ts';

const STORAGE_KEY = 'garim.lang';

type I18n = { lang: Lang; setLang: (lang: Lang) => void; t: (key: MessageKey) => string };

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'ko' || saved === 'en') return saved;
  return detectLang(navigator.languages);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // <html lang> follows the chosen language from the first render (screen readers pick their voice by it).
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setLangState(next);
      },
      t: (key) => translate(lang, key),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
