import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Me } from '@/contract/account';
import { ApiError } from '@/lib/api-error';
import {
  checkProfile,
  fieldForCode,
  toUpdateBody,
  type ProfileDraft,
  type ProfileErrors,
} from '../profile-rules';
import { WechatPhoneButton } from './wechat-phone-button';

interface Props {
  me: Me | null;
  onSave: (body: ReturnType<typeof toUpdateBody>) => Promise<unknown>;
  /** 手机号快速验证 (weapp): the getPhoneNumber code, for the server to exchange. */
  onWechatPhone: (code: string) => Promise<unknown>;
}

interface FieldProps {
  id: keyof ProfileDraft;
  label: string;
  value: string;
  placeholder: string;
  hint?: string | null;
  error?: string;
  type?: 'text' | 'number' | 'idcard';
  maxlength: number;
  onInput: (value: string) => void;
}

function Field({
  id,
  label,
  value,
  placeholder,
  hint,
  error,
  type = 'text',
  maxlength,
  onInput,
}: FieldProps) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className="field-input"
        id={`profile-${id}`}
        value={value}
        type={type}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      {hint ? <Text className="field-hint">{hint}</Text> : null}
      {error ? (
        <Text className="error-text" data-testid={`error-${id}`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

/** Real-name profile. Saved phone and ID are only ever shown masked; leave blank to keep them. */
export function ProfileForm({ me, onSave, onWechatPhone }: Props) {
  const [draft, setDraft] = useState<ProfileDraft>({
    name: me?.name ?? '',
    phone: '',
    idNumber: '',
  });
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [saving, setSaving] = useState(false);
  const saved = { hasPhone: Boolean(me?.phoneMasked), hasIdNumber: Boolean(me?.idNumberMasked) };

  const edit = (key: keyof ProfileDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    const found = checkProfile(draft, saved);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSave(toUpdateBody(draft));
      setDraft((d) => ({ ...d, phone: '', idNumber: '' }));
    } catch (err) {
      if (err instanceof ApiError) {
        const field = fieldForCode(err.code);
        if (field) setErrors({ [field]: err.message });
        else void Taro.showToast({ title: err.message, icon: 'none', duration: 2500 });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="card">
      <Field
        id="name"
        label="姓名"
        value={draft.name}
        placeholder="与身份证一致"
        maxlength={20}
        error={errors.name}
        onInput={edit('name')}
      />
      <Field
        id="phone"
        label="手机号"
        value={draft.phone}
        type="number"
        maxlength={11}
        placeholder={me?.phoneMasked ? '不修改请留空' : '11 位手机号码'}
        hint={
          me?.phoneMasked
            ? `已绑定 ${me.phoneMasked}${me.phoneVerified ? '（微信已验证）' : ''}`
            : null
        }
        error={errors.phone}
        onInput={edit('phone')}
      />
      {process.env.TARO_ENV === 'weapp' ? (
        <WechatPhoneButton verified={Boolean(me?.phoneVerified)} onCode={onWechatPhone} />
      ) : null}
      <Field
        id="idNumber"
        label="身份证号"
        value={draft.idNumber}
        type="idcard"
        maxlength={18}
        placeholder={me?.idNumberMasked ? '不修改请留空' : '18 位居民身份证号码'}
        hint={
          me?.idNumberMasked
            ? `已实名 ${me.idNumberMasked}`
            : '仅用于核验年龄与资格，页面只显示部分号码'
        }
        error={errors.idNumber}
        onInput={edit('idNumber')}
      />
      <Button
        className={`btn btn-primary profile-form__save ${saving ? 'btn--busy' : ''}`}
        disabled={saving}
        loading={saving}
        onClick={submit}
      >
        保存
      </Button>
    </View>
  );
}
