// A shift row names the skills the shift asks for, and says so calmly when they match the
// volunteer's own (the list already puts those first).
import { render, screen } from '@testing-library/react';
import type { Shift } from '@/contract/volunteer';
import { ShiftRow } from '@/features/volunteer/components/shift-row';

const shift: Shift = {
  id: '41',
  projectId: '5',
  startsAt: '2026-12-06T01:00:00.000Z',
  endsAt: '2026-12-06T03:00:00.000Z',
  place: '长风公园',
  lat: 31.2236,
  lng: 121.3935,
  radiusM: 300,
  needed: 4,
  filled: 1,
  distanceM: null,
  requireGps: false,
  mySignupId: null,
  skills: ['急救', '手语'],
  skillMatch: false,
};
const onSignUp = () => Promise.resolve();

describe('ShiftRow skills', () => {
  it('lists the skills a shift asks for, without a match mark when they are not mine', () => {
    render(<ShiftRow shift={shift} onSignUp={onSignUp} />);
    expect(screen.getByTestId('shift-skills-41').textContent).toBe('需要技能：急救、手语');
  });

  it('marks a shift whose skills match my profile', () => {
    render(<ShiftRow shift={{ ...shift, skillMatch: true }} onSignUp={onSignUp} />);
    expect(screen.getByTestId('shift-skills-41').textContent).toContain('与你的技能相符');
  });

  it('says nothing about skills when the shift asks for none', () => {
    render(<ShiftRow shift={{ ...shift, skills: [] }} onSignUp={onSignUp} />);
    expect(screen.queryByTestId('shift-skills-41')).toBeNull();
  });
});
