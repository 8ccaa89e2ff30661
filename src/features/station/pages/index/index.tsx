import { ServicePreview } from '@/components/service-preview';
import { serviceById } from '@/components/services';

export default function StationHome() {
  return <ServicePreview service={serviceById('station')} />;
}
