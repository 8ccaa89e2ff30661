// The catalogue forms' pieces (labelled field, text input, tap-sized choices), shared by the
// forms of 托班项目管理.
import type { ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';

export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      {children}
      {hint ? <Text className="field-hint">{hint}</Text> : null}
    </View>
  );
}

export function TextInput({
  id,
  value,
  onChange,
  placeholder,
  type = 'text',
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
}) {
  return (
    <Input
      className="field-input cc-manage__input"
      id={id}
      type={type}
      value={value}
      placeholder={placeholder}
      onInput={(e) => onChange(e.detail.value)}
      data-testid={id}
    />
  );
}

/** Big tap-sized choices instead of a wheel picker: few items, readable at a glance. */
export function Chips<T extends string>({
  testId,
  options,
  value,
  onChange,
}: {
  testId: string;
  options: { value: T; label: string }[];
  value: T | '';
  onChange: (v: T) => void;
}) {
  return (
    <View className="cc-manage__chips" data-testid={testId}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`cc-manage__chip${o.value === value ? ' cc-manage__chip--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}
