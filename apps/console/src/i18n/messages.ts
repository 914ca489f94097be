import { useCallback } from 'react';
import { useI18n } from './i18n';

/** A feature's own words, Chinese first: `{ 'key': ['中文', 'English'] }`, kept beside its page. */
export type Dictionary = Readonly<Record<string, readonly [zh: string, en: string]>>;

export const defineMessages = <D extends Dictionary>(dictionary: D): D => dictionary;

export type FeatureTranslate<D extends Dictionary> = (
  key: keyof D & string,
  values?: Record<string, string | number>,
) => string;

export function pick(text: string, values?: Record<string, string | number>): string {
  return values ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(values[name] ?? all)) : text;
}

/** `t` for a feature's dictionary, in the language the person chose. */
export function useMessages<D extends Dictionary>(dictionary: D): FeatureTranslate<D> {
  const { language } = useI18n();
  return useCallback(
    (key, values) => {
      const entry = dictionary[key];
      return entry ? pick(language === 'en' ? entry[1] : entry[0], values) : key;
    },
    [dictionary, language],
  );
}
