import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { IDEMPOTENCY_KEY_HOURS, STATION_PROOF_DAYS_AFTER_STAY } from '@/contract/privacy-rules';
import { PageRoot } from '@/components/page-root';
import { saveBlob } from '@/lib/save-file';
import { useSession } from '@/lib/session';
import { useMessages } from '@/features/messages/store';
import { useAccount } from '../../store';
import { deleteMyAccount, exportMyData } from '../../api';
import './index.scss';

/** What is kept and for how long, in the words a resident would use. */
const RETENTION = [
  {
    what: '身份证号',
    rule: '只保存加密摘要和打码后的号码（如 3101**********123X），不保存完整号码。',
  },
  { what: '手机号', rule: '供工作人员联系你时使用，任何页面只显示部分号码。' },
  {
    what: '驿站证明材料',
    rule: `面试通知、录用通知、学生证等图片，在入住结束 ${STATION_PROOF_DAYS_AFTER_STAY} 天后自动删除；未用于预订的，上传 ${STATION_PROOF_DAYS_AFTER_STAY} 天后删除。`,
  },
  {
    what: '防重复提交记录',
    rule: `为避免网络重试造成重复报名而保存的请求记录，${IDEMPOTENCY_KEY_HOURS} 小时后自动删除。`,
  },
  {
    what: '服务记录',
    rule: '志愿服务时长、夜校考勤、托班接送记录是服务的凭证，会长期保存；注销账号后不再与你的身份关联。',
  },
  {
    what: '操作审计',
    rule: '工作人员的每一次操作都有记录且不可修改；注销账号后，记录中的你只是一个编号。',
  },
];

export default function PrivacyPage() {
  const [busy, setBusy] = useState<'export' | 'delete' | null>(null);

  // A second tap while a request is out does nothing (the button shows it is busy).
  const download = async () => {
    if (busy) return;
    if (process.env.TARO_ENV !== 'h5') {
      await Taro.showModal({
        title: '请在电脑上下载',
        content: '数据文件为 JSON 格式，请在电脑浏览器打开青年汇并登录后下载。',
        showCancel: false,
      });
      return;
    }
    setBusy('export');
    try {
      const data = await exportMyData();
      saveBlob(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json;charset=utf-8' }),
        `青年汇-我的数据-${data.exportedAt.slice(0, 10)}.json`,
      );
      void Taro.showToast({ title: '已开始下载', icon: 'success' });
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '确定注销账号？',
      content:
        '注销后无法恢复：已报名的课程、床位、托班和志愿活动将被取消，名额让给候补的人；你和孩子的资料、消息、证明材料将被删除。',
      confirmText: '确认注销',
      confirmColor: '#c2410c',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy('delete');
    try {
      await deleteMyAccount();
    } finally {
      setBusy(null);
    }
    useSession.getState().signOut();
    useAccount.getState().reset();
    useMessages.getState().reset();
    await Taro.showToast({ title: '账号已注销', icon: 'success' });
    void Taro.switchTab({ url: '/pages/mine/index' });
  };

  return (
    <PageRoot className="privacy">
      <Text className="section-title">我们保存什么、保存多久</Text>
      <View className="card privacy__rules" data-testid="retention-rules">
        {RETENTION.map((r) => (
          <View key={r.what} className="privacy__rule">
            <Text className="privacy__what">{r.what}</Text>
            <Text className="privacy__text">{r.rule}</Text>
          </View>
        ))}
      </View>

      <Text className="section-title">下载我的数据</Text>
      <View className="card">
        <Text className="privacy__text">
          包括你的实名资料（打码）、孩子资料、报名与预订、缴费与退款记录、志愿时长、消息等。其他人的个人信息（如候补名单、接送人姓名）不会包含在内。
        </Text>
        <Button
          id="privacy-export"
          className={`btn btn-plain privacy__action${busy === 'export' ? ' btn--busy' : ''}`}
          onClick={download}
        >
          下载我的数据
        </Button>
      </View>

      <Text className="section-title">注销账号</Text>
      <View className="card">
        <Text className="privacy__text">
          注销会一次完成：取消你和孩子的全部报名与预订并把名额让给候补，删除个人资料。正在驿站入住时，请先退房再注销。
        </Text>
        <Button
          id="privacy-delete"
          className={`btn privacy__danger privacy__action${busy === 'delete' ? ' btn--busy' : ''}`}
          onClick={remove}
        >
          注销账号
        </Button>
      </View>
    </PageRoot>
  );
}
