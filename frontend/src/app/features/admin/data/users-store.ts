import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';

import { type UserDto } from '../../../core/auth/auth.model';
import { toApiError } from '../../../core/http/api-error';
import { type InviteUserRequest, type UpdateUserRequest, type UsersQuery } from '../model/admin.model';
import { UsersClient } from './users-client';

export const USERS_PAGE_SIZE = 25;

/** The admin's list of users and the actions on it. Provided by the users page (gone when it is left). */
@Injectable()
export class UsersStore {
  private readonly client = inject(UsersClient);

  readonly query = signal<UsersQuery>({ page: 1, pageSize: USERS_PAGE_SIZE, q: '' });

  private readonly users = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.client.list(params),
  });

  readonly items = computed<readonly UserDto[]>(() => (this.users.hasValue() ? this.users.value().items : []));
  readonly total = computed(() => (this.users.hasValue() ? this.users.value().total : 0));
  readonly loading = this.users.isLoading;
  readonly loadError = computed(() => {
    const error = this.users.error();
    return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
  });

  search(q: string): void {
    this.query.update((query) => ({ ...query, q: q.trim(), page: 1 }));
  }

  goToPage(page: number, pageSize: number): void {
    this.query.update((query) => ({ ...query, page, pageSize }));
  }

  async invite(request: InviteUserRequest): Promise<UserDto> {
    const user = await firstValueFrom(this.client.invite(request));
    this.users.reload();
    return user;
  }

  async update(id: string, changes: UpdateUserRequest): Promise<UserDto> {
    const user = await firstValueFrom(this.client.update(id, changes));
    this.users.update((page) =>
      page ? { ...page, items: page.items.map((item) => (item.id === user.id ? user : item)) } : page,
    );
    return user;
  }
}
