import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { Certificate } from '@/contract/volunteer';
import { formatInstant } from '@/contract/beijing-time';
import { issueCertificate } from '../../api';
import './index.scss';
import { PageRoot } from '@/components/page-root';

/** The certificate of hours: a snapshot of the ledger with a QR code anyone can check. */
export default function CertificatePage() {
  const [cert, setCert] = useState<Certificate | null>(null);
  const [failed, setFailed] = useState(false);
  useLoad(() => void issueCertificate().then(setCert, () => setFailed(true)));

  return (
    <PageRoot className="volunteer-cert" testId="page-volunteer-certificate">
      {cert ? (
        <View className="card volunteer-cert__paper">
          <Text className="volunteer-cert__title">志愿服务时长证明</Text>
          <Text className="volunteer-cert__line">兹证明志愿者 {cert.nameMasked}</Text>
          <Text className="volunteer-cert__line">累计参加志愿服务</Text>
          <Text className="volunteer-cert__hours" data-testid="certificate-hours">
            {cert.hours} 小时
          </Text>
          <Text className="muted">
            共 {cert.entries} 条记录 · 开具于 {formatInstant(cert.issuedAt, 'YYYY年M月D日 HH:mm')}
          </Text>
          <Image className="volunteer-cert__qr" src={cert.qrDataUrl} />
          <Text className="muted">扫码核验 · 证书编号 {cert.code}</Text>
          <Text className="muted volunteer-cert__url" data-testid="certificate-url" userSelect>
            {cert.verifyUrl}
          </Text>
        </View>
      ) : (
        <Text className="muted">{failed ? '暂时无法开具证明' : '正在开具…'}</Text>
      )}
    </PageRoot>
  );
}
