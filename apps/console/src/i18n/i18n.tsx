import { ConfigProvider } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { type MessageKey, zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'ecogate.language';
const MESSAGES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `{name}` placeholders filled from `values`; an unknown placeholder stays visible. */
export function translate(
  language: Language,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  const text = MESSAGES[language][key];
  return values ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(values[name] ?? all)) : text;
}

interface I18n {
  readonly language: Language;
  readonly t: Translate;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** Chinese unless the person switched (remembered in this browser); Ant Design follows. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    dayjs.locale(next === 'en' ? 'en' : 'zh-cn');
    setState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: (key, values) => translate(language, key, values) }),
    [language, setLanguage],
  );
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={language === 'en' ? antdEn : antdZh}
        theme={{ token: { colorPrimary: '#13795b', borderRadius: 4 } }}
      >
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
