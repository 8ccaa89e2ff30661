import { Text, View } from '@tarojs/components';
import type { ServiceInfo } from './services';
import './service-card.scss';

interface Props {
  service: ServiceInfo;
  onOpen: (service: ServiceInfo) => void;
}

/** One of the four service entries on the home page: a large, single tap target. */
export function ServiceCard({ service, onOpen }: Props) {
  return (
    <View
      className="service-card"
      role="button"
      aria-label={service.name}
      data-testid={`service-${service.id}`}
      onClick={() => onOpen(service)}
    >
      <View
        className="service-card__badge"
        style={{ background: service.tint, color: service.color }}
      >
        {service.badge}
      </View>
      <View className="service-card__body">
        <Text className="service-card__name">{service.name}</Text>
        <Text className="service-card__tagline">{service.tagline}</Text>
      </View>
      <Text className="service-card__arrow">›</Text>
    </View>
  );
}
