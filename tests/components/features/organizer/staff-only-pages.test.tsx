// Every organizer page shows the same 「仅限组织者使用」 state with 去登录 to someone without the
// role — a visitor or a resident (admin pages: also an organizer) — and asks the server nothing.
import type { ComponentType } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { Role } from '@/contract/account';
import { useSession } from '@/lib/session';
import OrganizerHome from '@/features/organizer/pages/index/index';
import RolesPage from '@/features/organizer/pages/roles/index';
import AuditPage from '@/features/organizer/pages/audit/index';
import StationStaff from '@/features/station/pages/staff/index';
import StationManage from '@/features/station/pages/manage/index';
import ChildcareStaff from '@/features/childcare/pages/staff/index';
import ChildcareManage from '@/features/childcare/pages/manage/index';
import NightSchoolAdmin from '@/features/night-school/pages/admin/index';
import VolunteerManage from '@/features/volunteer/pages/manage/index';
import VolunteerPublish from '@/features/volunteer/pages/publish/index';
import VolunteerCode from '@/features/volunteer/pages/code/index';
import ConsolePage from '@/features/console/pages/index/index';
import { scriptRequests, silenceUi } from '../../platform';

const STAFF_PAGES: [string, ComponentType][] = [
  ['organizer home', OrganizerHome],
  ['station staff', StationStaff],
  ['station manage', StationManage],
  ['childcare staff', ChildcareStaff],
  ['childcare manage', ChildcareManage],
  ['night school admin', NightSchoolAdmin],
  ['volunteer manage', VolunteerManage],
  ['volunteer publish', VolunteerPublish],
  ['volunteer check-in code', VolunteerCode],
  ['desktop console', ConsolePage],
];
const ADMIN_PAGES: [string, ComponentType][] = [
  ['roles', RolesPage],
  ['audit log', AuditPage],
];

function signInAs(role: Role | null) {
  if (!role) return;
  useSession.setState({
    token: 't',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role, orgIds: [], name: '李青', profileComplete: true },
  });
}

function expectStaffOnly(Page: ComponentType, title: string) {
  const { navigate } = silenceUi();
  const sent = scriptRequests(() => ({ statusCode: 500, data: {} }));
  render(<Page />);
  expect(screen.getByText(title)).toBeTruthy();
  fireEvent.click(screen.getByTestId('staff-only-login'));
  expect(screen.getByTestId('staff-only-login').textContent).toBe('去登录');
  expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
  expect(sent).toEqual([]);
}

describe('organizer pages without the right role', () => {
  describe.each(STAFF_PAGES)('%s', (_name, Page) => {
    it.each([
      ['a visitor', null],
      ['a resident', 'resident'],
    ] as const)('shows 仅限组织者使用 with 去登录 to %s', (_who, role) => {
      signInAs(role);
      expectStaffOnly(Page, '仅限组织者使用');
    });
  });

  describe.each(ADMIN_PAGES)('%s (admin only)', (_name, Page) => {
    it.each([
      ['a visitor', null],
      ['a resident', 'resident'],
      ['an organizer', 'organizer'],
    ] as const)('shows 仅限管理员使用 with 去登录 to %s', (_who, role) => {
      signInAs(role);
      expectStaffOnly(Page, '仅限管理员使用');
    });
  });
});
