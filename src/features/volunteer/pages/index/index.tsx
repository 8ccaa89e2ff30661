import { ServicePreview } from '@/components/service-preview';
import { serviceById } from '@/components/services';

export default function VolunteerHome() {
  return <ServicePreview service={serviceById('volunteer')} />;
}
