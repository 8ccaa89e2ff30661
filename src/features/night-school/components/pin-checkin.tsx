import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import './pin-checkin.scss';

export interface PinCourse {
  id: string;
  title: string;
  sessionDates: string[];
}

const PIN_LENGTH = 6;

/**
 * H5 check-in: pick the course (the one meeting today comes first), type the 6 digits the
 * organizer's screen shows beside the QR. Only digits are kept; the button waits for all six.
 * The server decides which session is open and whether the code is right.
 */
export function PinCheckin({
  courses,
  today,
  onSubmit,
}: {
  courses: PinCourse[];
  today: string;
  onSubmit: (courseId: string, pin: string) => Promise<void>;
}) {
  // until the student picks, follow the data: today's date comes with the server's clock, later
  const [picked, setCourseId] = useState<string | null>(null);
  const meetsToday = courses.find((c) => c.sessionDates.includes(today));
  const courseId = picked ?? meetsToday?.id ?? courses[0]?.id ?? null;
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = courses.find((c) => c.id === courseId) ?? null;

  const submit = async () => {
    if (!chosen || pin.length !== PIN_LENGTH) return;
    setBusy(true);
    try {
      await onSubmit(chosen.id, pin);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid="pin-checkin">
      {courses.length > 1 ? (
        <View className="ns-checkin__courses">
          {courses.map((c) => (
            <Text
              key={c.id}
              className={
                c.id === courseId ? 'ns-checkin__chip ns-checkin__chip--on' : 'ns-checkin__chip'
              }
              data-testid={`pin-course-${c.id}`}
              onClick={() => setCourseId(c.id)}
            >
              {c.title}
              {c.sessionDates.includes(today) ? '（今天）' : ''}
            </Text>
          ))}
        </View>
      ) : chosen ? (
        <Text className="ns-checkin__course">{chosen.title}</Text>
      ) : null}
      <Text className="muted">输入组织者屏幕上二维码旁的6位签到码</Text>
      <Input
        className="field-input ns-checkin__pin"
        id="ns-checkin-pin"
        type="number"
        maxlength={PIN_LENGTH}
        placeholder="6位数字"
        value={pin}
        onInput={(e) => {
          const digits = String(e.detail.value).replace(/\D/g, '').slice(0, PIN_LENGTH);
          setPin(digits);
          return digits;
        }}
      />
      <Button
        className="btn btn-primary"
        disabled={!chosen || pin.length !== PIN_LENGTH || busy}
        onClick={() => void submit()}
      >
        提交签到
      </Button>
    </View>
  );
}
