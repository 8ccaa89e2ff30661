import { ServicePreview } from '@/components/service-preview';
import { serviceById } from '@/components/services';

export default function ChildcareHome() {
  return <ServicePreview service={serviceById('childcare')} />;
}
