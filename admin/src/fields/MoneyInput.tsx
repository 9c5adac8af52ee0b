import { useEffect, useState } from 'react';
import type { ChangeEvent } from 'react';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { FieldTitle, InputHelperText, useInput } from 'react-admin';
import type { InputProps, Validator } from 'react-admin';

import { parseMajorUnits, safeMinorDigits, toDecimalString, toMinorUnits } from './money';

export interface MoneyInputProps extends Omit<InputProps, 'format' | 'parse'> {
  /** ISO 4217 code the amount is in; it sets the decimals and is shown after the amount. */
  currency: string;
  /** Refuse zero as well as negative amounts. @defaultValue false */
  positive?: boolean;
}

/** What the form holds for a typed text: minor units as a string, the raw text if unreadable. */
const formValueOf = (text: string, digits: number): string | null => {
  if (text.trim() === '') return null;
  return parseMajorUnits(text, digits)?.toString() ?? text;
};

const textOf = (value: unknown, digits: number): string => {
  const minor = toMinorUnits(value);
  return minor === null ? String(value ?? '') : toDecimalString(minor, digits);
};

/** Minor units are whole, non-negative numbers; anything else is text the reader mistyped. */
const moneyValidator =
  (digits: number, positive: boolean): Validator =>
  (value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    if (!/^\d+$/.test(String(value))) return { message: 'ar.money.invalid', args: { digits } };
    if (positive && BigInt(String(value)) === 0n) return 'ar.money.positive';
    return undefined;
  };

/**
 * An amount typed in major units (yuan, dollars) and kept in the form as minor units (fen,
 * cents) in a string, as Strapi's BIGINT fields take it. The text is the reader's own while
 * typing (`12.` stays `12.`); it is rewritten only when the form value changes from outside.
 */
export const MoneyInput = (props: MoneyInputProps) => {
  const { currency, positive = false, label, helperText, source, resource, validate } = props;
  const digits = safeMinorDigits(currency);
  const validators = [moneyValidator(digits, positive), ...[validate ?? []].flat()];
  const { field, fieldState, formState, id, isRequired } = useInput({
    ...props,
    validate: validators,
  });
  const [text, setText] = useState(() => textOf(field.value, digits));

  useEffect(() => {
    if ((formValueOf(text, digits) ?? '') !== (field.value ?? '')) {
      setText(textOf(field.value, digits));
    }
    // Only an outside change of the value (a reset) rewrites the text.
  }, [field.value, digits]);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setText(event.target.value);
    field.onChange(formValueOf(event.target.value, digits));
  };

  const shown = fieldState.invalid && (fieldState.isTouched || formState.isSubmitted);
  return (
    <TextField
      id={id}
      name={field.name}
      inputRef={field.ref}
      value={text}
      onChange={onChange}
      onBlur={field.onBlur}
      disabled={props.disabled}
      label={
        label === false ? undefined : (
          <FieldTitle label={label} source={source} resource={resource} isRequired={isRequired} />
        )
      }
      error={shown}
      helperText={
        <InputHelperText
          error={shown ? fieldState.error?.message : undefined}
          helperText={helperText}
        />
      }
      slotProps={{
        input: { endAdornment: <InputAdornment position="end">{currency}</InputAdornment> },
        htmlInput: { inputMode: 'decimal', autoComplete: 'off' },
      }}
    />
  );
};
