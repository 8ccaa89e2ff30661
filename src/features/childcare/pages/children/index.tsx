// Pre-fill: the child's profile (school, grade, health notes) and authorized pick-up guardians,
// done before the rush so enrolling is one tap. A child exists once: a relative adding the same ID
// number sends a request, which the first parent answers here.
import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { CareChild } from '@/contract/childcare';
import type { GuardianRequest } from '@/contract/child-guardians';
import { MAX_PICKUP_GUARDIANS, parseGrade } from '@/contract/childcare-rules';
import { formatInstant } from '@/contract/beijing-time';
import { isValidPhone } from '@/contract/phone';
import { parseIdNumber } from '@/contract/id-number';
import { LoadFailed } from '@/components/load-failed';
import { newIdempotencyKey } from '@/lib/request';
import { useLoadStatus } from '@/lib/use-load-status';
import {
  addChild,
  addGuardian,
  decideGuardianRequest,
  fetchGuardianRequests,
  updateChild,
} from '../../api';
import { useChildcare } from '../../store';
import './index.scss';
import { PageRoot } from '@/components/page-root';

export default function ChildrenPage() {
  const { children, loadChildren } = useChildcare();
  const [adding, setAdding] = useState(false);
  const [requests, setRequests] = useState<GuardianRequest[]>([]);
  const loadRequests = () =>
    fetchGuardianRequests().then(
      (r) => setRequests(r.items),
      () => undefined,
    );
  const list = useLoadStatus(loadChildren);
  useDidShow(() => {
    void list.run();
    void loadRequests();
  });
  const decide = async (r: GuardianRequest, decision: 'approve' | 'refuse') => {
    try {
      await decideGuardianRequest(r.id, decision);
      void Taro.showToast({ title: decision === 'approve' ? '已同意' : '已拒绝', icon: 'success' });
      void loadRequests();
      void list.run();
    } catch {
      // toast shown
    }
  };
  return (
    <PageRoot className="cc-children" testId="page-childcare-children">
      {requests.length ? (
        <View className="card cc-children__requests" data-testid="cc-guardian-requests">
          <Text className="cc-children__name">待您确认的监护人申请</Text>
          <Text className="muted">
            同意后，对方可以查看孩子资料、为孩子报名和查看接送码。不认识的申请请拒绝。
          </Text>
          {requests.map((r) => (
            <View key={r.id} className="cc-children__request" data-testid={`cc-request-${r.id}`}>
              <Text className="cc-children__request-who">
                {r.requesterNameMasked ?? '未实名用户'}
                {r.requesterPhoneMasked ? `（${r.requesterPhoneMasked}）` : ''}
              </Text>
              <Text>
                申请关联孩子：{r.childName}（对方填写：{r.statedName}）
              </Text>
              <Text className="muted">{formatInstant(r.createdAt)} 提交</Text>
              <View className="cc-children__buttons">
                <Button
                  className="btn btn-plain"
                  onClick={() => void decide(r, 'refuse')}
                  data-testid={`cc-request-refuse-${r.id}`}
                >
                  拒绝
                </Button>
                <Button
                  className="btn btn-primary"
                  onClick={() => void decide(r, 'approve')}
                  data-testid={`cc-request-approve-${r.id}`}
                >
                  同意
                </Button>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {list.status === 'error' && children.length === 0 ? (
        <LoadFailed error={list.error} onRetry={() => void list.run()} />
      ) : null}
      {children.map((c) => (
        <ChildCard key={c.id} child={c} onSaved={() => void list.run()} />
      ))}
      {adding ? (
        <NewChildForm
          onDone={() => {
            setAdding(false);
            void list.run();
          }}
        />
      ) : (
        <Button
          className="btn btn-plain"
          onClick={() => setAdding(true)}
          data-testid="cc-add-child"
        >
          ＋ 添加孩子
        </Button>
      )}
      <Text className="muted cc-children__privacy">
        身份证号、手机号加密保存，页面只显示部分号码。
      </Text>
    </PageRoot>
  );
}

function NewChildForm({ onDone }: { onDone: () => void }) {
  const [f, setF] = useState({ name: '', idNumber: '', school: '', grade: '' });
  const [error, setError] = useState('');
  const [key] = useState(newIdempotencyKey);
  const save = async () => {
    const id = parseIdNumber(f.idNumber);
    if (!id.ok) return setError(id.message);
    if (parseGrade(f.grade) === null) return setError('年级请填写如“二年级”');
    try {
      const added = await addChild(
        {
          name: f.name.trim(),
          idNumber: f.idNumber.trim(),
          school: f.school.trim(),
          grade: f.grade.trim(),
        },
        key,
      );
      // the child is another family's record: the same words whatever happened to the request
      if ('status' in added)
        await Taro.showModal({ title: '已提交', content: added.message, showCancel: false });
      onDone();
    } catch {
      // toast shown
    }
  };
  return (
    <View className="card" data-testid="cc-child-form">
      <Field
        label="孩子姓名"
        value={f.name}
        onInput={(v) => setF({ ...f, name: v })}
        testId="cc-child-name"
      />
      <Field
        label="身份证号"
        value={f.idNumber}
        onInput={(v) => setF({ ...f, idNumber: v })}
        testId="cc-child-id"
      />
      <Field
        label="就读学校"
        value={f.school}
        onInput={(v) => setF({ ...f, school: v })}
        testId="cc-child-school"
      />
      <Field
        label="年级（如：二年级）"
        value={f.grade}
        onInput={(v) => setF({ ...f, grade: v })}
        testId="cc-child-grade"
      />
      {error ? <Text className="error-text">{error}</Text> : null}
      <Button className="btn btn-primary" onClick={() => void save()} data-testid="cc-child-save">
        保存
      </Button>
    </View>
  );
}

function ChildCard({ child, onSaved }: { child: CareChild; onSaved: () => void }) {
  const [health, setHealth] = useState(child.healthNotes ?? '');
  const [g, setG] = useState({ name: '', relation: '', phone: '' });
  const [gKey, setGKey] = useState(newIdempotencyKey);
  const [error, setError] = useState('');
  const saveHealth = async () => {
    await updateChild(child.id, { healthNotes: health }).catch(() => undefined);
    void Taro.showToast({ title: '已保存', icon: 'success' });
    onSaved();
  };
  const saveGuardian = async () => {
    if (!isValidPhone(g.phone)) return setError('请输入正确的11位手机号');
    if (!g.relation.trim()) return setError('请填写与孩子的关系，如“母亲”');
    try {
      await addGuardian(
        child.id,
        { name: g.name.trim(), relation: g.relation.trim(), phone: g.phone.trim() },
        gKey,
      );
      setG({ name: '', relation: '', phone: '' });
      setGKey(newIdempotencyKey());
      setError('');
      onSaved();
    } catch {
      // toast shown
    }
  };
  return (
    <View className="card cc-children__card" data-testid={`cc-child-${child.id}`}>
      <Text className="cc-children__name">{child.name}</Text>
      <Text className="muted">
        {child.idNumberMasked} · {child.school ?? '未填学校'} · {child.grade ?? '未填年级'}
      </Text>
      {child.isOwner ? null : <Text className="muted">由家人添加，您已获同意成为监护人</Text>}
      <Text className="field-label cc-children__label">健康情况（过敏、哮喘、用药等）</Text>
      <Textarea
        className="field-input cc-children__textarea"
        value={health}
        onInput={(e) => setHealth(e.detail.value)}
        maxlength={500}
      />
      <Button className="btn btn-plain" onClick={() => void saveHealth()}>
        保存健康情况
      </Button>
      <Text className="field-label cc-children__label">
        授权接送人（{child.guardians.length}/{MAX_PICKUP_GUARDIANS}）
      </Text>
      {child.guardians.map((x) => (
        <Text key={x.id} className="cc-children__guardian">
          {x.name}（{x.relation}）{x.phoneMasked}
        </Text>
      ))}
      {child.guardians.length >= MAX_PICKUP_GUARDIANS ? (
        <Text className="muted">已达 {MAX_PICKUP_GUARDIANS} 位上限。</Text>
      ) : (
        <>
          <Field
            label="接送人姓名"
            value={g.name}
            onInput={(v) => setG({ ...g, name: v })}
            testId={`cc-g-name-${child.id}`}
          />
          <Field
            label="关系"
            value={g.relation}
            onInput={(v) => setG({ ...g, relation: v })}
            testId={`cc-g-rel-${child.id}`}
          />
          <Field
            label="手机号"
            value={g.phone}
            onInput={(v) => setG({ ...g, phone: v })}
            testId={`cc-g-phone-${child.id}`}
          />
          {error ? <Text className="error-text">{error}</Text> : null}
          <Button
            className="btn btn-primary"
            onClick={() => void saveGuardian()}
            data-testid={`cc-g-save-${child.id}`}
          >
            添加接送人
          </Button>
        </>
      )}
    </View>
  );
}

function Field({
  label,
  value,
  onInput,
  testId,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  testId: string;
}) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Input
        className="field-input"
        value={value}
        onInput={(e) => onInput(e.detail.value)}
        data-testid={testId}
      />
    </View>
  );
}
