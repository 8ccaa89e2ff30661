import { Button, Text, View } from '@tarojs/components';

interface Props {
  nights: number;
  max: number;
  onChange: (nights: number) => void;
}

/** 入住晚数: one night at least, at most what the rules and the allowance leave. */
export function NightsStepper({ nights, max, onChange }: Props) {
  return (
    <View className="card booking-form__nights">
      <Text className="booking-form__label">入住晚数</Text>
      <View className="booking-form__stepper">
        <Button
          className="booking-form__step"
          data-testid="nights-minus"
          onClick={() => onChange(Math.max(1, nights - 1))}
        >
          －
        </Button>
        <Text className="booking-form__count" data-testid="nights-count">
          {nights}晚
        </Text>
        <Button
          className="booking-form__step"
          data-testid="nights-plus"
          onClick={() => onChange(Math.min(max, nights + 1))}
        >
          ＋
        </Button>
      </View>
    </View>
  );
}
