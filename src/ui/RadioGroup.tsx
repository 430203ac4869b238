import type { ReactNode } from 'react';
import { useI18n } from './i18n.tsx';
import type { MessageKey } from './messages.ts';

type Props<T extends string> = {
  legend: MessageKey;
  /** The radio inputs' shared `name`. */
  name: string;
  options: readonly T[];
  labels: Record<T, MessageKey>;
  value: T;
  onChange: (next: T) => void;
  disabled?: boolean;
  /** Shown after the options (e.g. a hint). */
  children?: ReactNode;
};

/** One choice out of a few, as a fieldset of labelled radio buttons. */
export function RadioGroup<T extends string>(props: Props<T>) {
  const { legend, name, options, labels, value, onChange, disabled, children } = props;
  const { t } = useI18n();
  return (
    <fieldset className="detail" disabled={disabled}>
      <legend>{t(legend)}</legend>
      {options.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />{' '}
          {t(labels[option])}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
