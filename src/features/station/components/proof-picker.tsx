import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Proof } from '@/contract/station';
import { readImageAsDataUrl, uploadProof } from '../api';

interface Props {
  kind: Proof['kind'];
  onUploaded: (proofId: string | null) => void;
}

/** Optional proof (interview notice, offer, student card): one photo, compressed, uploaded at once. */
export function ProofPicker({ kind, onUploaded }: Props) {
  const [state, setState] = useState<'none' | 'busy' | 'done'>('none');
  const pick = async () => {
    try {
      const { tempFilePaths } = await Taro.chooseImage({
        count: 1,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      if (!tempFilePaths[0]) return;
      setState('busy');
      const proof = await uploadProof({
        kind,
        dataUrl: await readImageAsDataUrl(tempFilePaths[0]),
      });
      onUploaded(proof.id);
      setState('done');
    } catch {
      // cancelled or refused (the request already showed why)
      setState((s) => (s === 'busy' ? 'none' : s));
    }
  };
  return (
    <View className="card proof-picker">
      <Text className="field-label">证明材料（可选）：面试通知、录用通知或学生证照片</Text>
      <Button
        className="btn btn-plain"
        onClick={pick}
        disabled={state === 'busy' || undefined}
        data-testid="proof-pick"
      >
        {state === 'done' ? '已上传 ✓ 点此更换' : state === 'busy' ? '上传中…' : '上传照片'}
      </Button>
    </View>
  );
}
