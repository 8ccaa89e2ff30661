import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import { fetchOrgs } from '@/lib/orgs-api';
import type { ServiceInfo } from './services';
import './service-preview.scss';
import { PageRoot } from './page-root';

interface Props {
  service: ServiceInfo;
}

/**
 * A service's landing page until its own booking flow lands: what it offers, its rules in
 * brief, and the real organizations that run it (from the API).
 */
export function ServicePreview({ service }: Props) {
  const [orgs, setOrgs] = useState<Organization[] | null>(null);
  useEffect(() => {
    fetchOrgs(service.orgKind).then(setOrgs, () => setOrgs([]));
  }, [service.orgKind]);

  return (
    <PageRoot className="service-preview" testId={`page-${service.id}`}>
      <View className="service-preview__hero" style={{ background: service.tint }}>
        <Text className="service-preview__name" style={{ color: service.color }}>
          {service.name}
        </Text>
        <Text className="service-preview__tagline">{service.tagline}</Text>
      </View>
      <View className="card">
        {service.facts.map((fact) => (
          <View key={fact} className="service-preview__fact">
            <View className="service-preview__dot" style={{ background: service.color }} />
            <Text>{fact}</Text>
          </View>
        ))}
      </View>
      <Text className="section-title">{service.orgLabel}</Text>
      {orgs === null ? <Text className="muted service-preview__loading">加载中…</Text> : null}
      {orgs?.map((org) => (
        <View key={org.id} className="card service-preview__org">
          <Text className="service-preview__org-name">{org.name}</Text>
          {org.summary ? <Text className="muted">{org.summary}</Text> : null}
          {org.address ? <Text className="muted">{org.address}</Text> : null}
        </View>
      ))}
      <Text className="muted service-preview__soon">
        线上报名与预约即将开放，敬请关注消息通知。
      </Text>
    </PageRoot>
  );
}
