import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import type { Role } from '@/contract/account';
import { EmptyState } from './empty-state';
import { PageRoot } from './page-root';
import './staff-only.scss';

export const isStaff = (role: Role | undefined) => role === 'organizer' || role === 'admin';

interface Props {
  /** Admin-only pages say so; every other organizer page uses the default. */
  title?: string;
  detail?: string;
}

/**
 * What every organizer page shows to someone without the role (a visitor, a resident, an
 * organizer on an admin page): one calm state with a way forward, never a blank page. The login
 * page comes back here after signing in.
 */
export function StaffOnly({
  title = '仅限组织者使用',
  detail = '团区委、驿站、托管点位和志愿队伍的工作人员由管理员授权后，登录即可使用。',
}: Props) {
  return (
    <PageRoot testId="staff-only">
      <EmptyState title={title} detail={detail} />
      <View className="staff-only__actions">
        <Button
          className="btn btn-primary"
          data-testid="staff-only-login"
          onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}
        >
          去登录
        </Button>
      </View>
    </PageRoot>
  );
}
