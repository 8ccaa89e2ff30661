import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Proof } from '@/contract/station';
import { pickImage, uploadImage } from '@/lib/files';
import { uploadProof } from '../api';

interface Props {
  kind: Proof['kind'];
  /** The station asks for a proof: the booking waits for it. */
  required?: boolean;
  onUploaded: (proofId: string | null) => void;
}

/**
 * Optional proof (interview notice, offer, student card): one photo, compressed by WeChat, sent
 * as a file (the server checks what it really is) and registered as this kind of proof.
 */
export function ProofPicker({ kind, required = false, onUploaded }: Props) {
  const [state, setState] = useState<'none' | 'busy' | 'done'>('none');
  const pick = async () => {
    const path = await pickImage();
    if (!path) return;
    setState('busy');
    try {
      const file = await uploadImage(path, 'station_proof');
      const proof = await uploadProof({ kind, fileId: file.id });
      onUploaded(proof.id);
      setState('done');
    } catch {
      // refused or cut off: the toast already said why; where optional, the booking can go ahead
      setState('none');
    }
  };
  return (
    <View className="card proof-picker">
      <Text className="field-label">
        证明材料（{required ? '必填' : '可选'}）：面试通知、录用通知或学生证照片
      </Text>
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
