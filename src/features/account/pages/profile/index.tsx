import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useAccount } from '../../store';
import { ProfileForm } from '../../components/profile-form';
import './index.scss';
import { PageRoot } from '@/components/page-root';

export default function ProfilePage() {
  const me = useAccount((s) => s.me);
  const load = useAccount((s) => s.load);
  const save = useAccount((s) => s.save);
  const verifyPhone = useAccount((s) => s.verifyPhone);
  useDidShow(() => void load().catch(() => undefined));

  const onSave = async (body: Parameters<typeof save>[0]) => {
    await save(body);
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const onWechatPhone = async (code: string) => {
    await verifyPhone(code);
    void Taro.showToast({ title: '手机号已验证', icon: 'success' });
  };

  return (
    <PageRoot className="profile">
      {me?.idNumberMasked ? (
        <View className="card profile__summary" data-testid="profile-summary">
          <Text className="profile__name">{me.name}</Text>
          <Text className="muted">身份证 {me.idNumberMasked}</Text>
          {me.phoneMasked ? <Text className="muted">手机 {me.phoneMasked}</Text> : null}
          {me.age !== null ? (
            <Text className="muted">
              {me.age} 周岁 · {me.gender === 'female' ? '女' : '男'}
            </Text>
          ) : null}
        </View>
      ) : (
        <Text className="section-title">完成实名后即可预约床位、报名课程和活动</Text>
      )}
      {/* keyed by the saved profile so the form starts from it after each load */}
      <ProfileForm
        key={me ? `${me.id}-${me.name}` : 'empty'}
        me={me}
        onSave={onSave}
        onWechatPhone={onWechatPhone}
      />
      <Text className="muted profile__privacy">
        身份证号与手机号加密保存，任何页面只显示部分号码；一个身份证号只能绑定一个账号。
      </Text>
    </PageRoot>
  );
}
