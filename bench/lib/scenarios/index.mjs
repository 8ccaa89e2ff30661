// The scenarios of bench/rush, by the name RUSH_SCENARIO selects. A scenario is a module like
// childcare-enroll.mjs: `describe(world)`, the product's counted `statement`, and `product(world)`
// / `bare(world)` giving one run's { path, request(parent), seated(answer), check(answers) }.
import hot from './hot.mjs';
import nightSchool from './night-school.mjs';
import spread from './spread.mjs';
import station from './station.mjs';
import volunteer from './volunteer.mjs';

export const scenarios = { hot, spread, 'night-school': nightSchool, station, volunteer };
