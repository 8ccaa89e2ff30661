import { ServicePreview } from '@/components/service-preview';
import { serviceById } from '@/components/services';

export default function NightSchoolHome() {
  return <ServicePreview service={serviceById('night-school')} />;
}
