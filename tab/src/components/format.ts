import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';

/**
 * Dates and times as the person reads them: in the language and region Teams gives the app (its context's locale)
 * and in the person's own time zone (the device's, which Teams runs in). Calendar dates such as a due date are
 * days, not instants: they are shown as the same day everywhere.
 */
export interface Formats {
  /** A calendar day ("2026-12-31") or the day of an instant: "31 Dec 2026". */
  date: (value: string) => string;
  /** The time of an instant: "14:05" or "2:05 PM". */
  time: (iso: string) => string;
  /** The time alone today, the day and time otherwise. */
  when: (iso: string, now?: Date) => string;
  /** A date and time, for the audit trail. */
  dateTime: (iso: string) => string;
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The locale Teams names ("en-gb"), as Intl takes it; the device's own when it names none or one Intl refuses. */
export function intlLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

export function formatsFor(locale?: string | null): Formats {
  const tag = intlLocale(locale);
  const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric' });
  const calendarDay = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dayThisYear = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' });
  const clock = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
  const full = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const time = (iso: string) => clock.format(new Date(iso));
  return {
    date: (value) =>
      CALENDAR_DAY.test(value) ? calendarDay.format(new Date(`${value}T00:00:00Z`)) : day.format(new Date(value)),
    time,
    when: (iso, now = new Date()) => {
      const date = new Date(iso);
      if (date.toDateString() === now.toDateString()) return time(iso);
      const shown = date.getFullYear() === now.getFullYear() ? dayThisYear.format(date) : day.format(date);
      return `${shown}, ${time(iso)}`;
    },
    dateTime: (iso) => full.format(new Date(iso)),
  };
}

const FormatsContext = createContext<Formats>(formatsFor(undefined));

/** Gives every component below the formats of the locale Teams named. */
export function FormatsProvider({ locale, children }: { locale: string | null; children: ReactNode }) {
  const formats = useMemo(() => formatsFor(locale), [locale]);
  return createElement(FormatsContext.Provider, { value: formats }, children);
}

export function useFormats(): Formats {
  return useContext(FormatsContext);
}
