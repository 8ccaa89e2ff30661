// Spread: the same seats over RUSH_CLASSES classes (default 100) of one period, each parent on one
// of them; the rows to lock are many, the period row they all point to is one.
import { childcareEnroll } from './childcare-enroll.mjs';

export default childcareEnroll({
  name: 'spread',
  classes: Number(process.env.RUSH_CLASSES || 100),
});
