// One hot class: every parent taps for the same class, whose one row every seat must lock.
import { childcareEnroll } from './childcare-enroll.mjs';

export default childcareEnroll({ name: 'hot', classes: 1 });
