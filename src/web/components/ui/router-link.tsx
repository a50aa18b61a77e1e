import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { Ref } from 'react';

interface AnchorBaseProps extends Omit<AnchorProps, 'href'> {
  ref?: Ref<HTMLAnchorElement>;
  tabIndex?: number;
  draggable?: boolean;
}
function AnchorBase(props: AnchorBaseProps) {
  return <Anchor {...props} />;
}
const CreatedAnchorLink = createLink(AnchorBase);
/** Mantine Anchor that navigates with the router. */
export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => (
  <CreatedAnchorLink preload="intent" {...props} />
);

interface NavLinkBaseProps extends Omit<NavLinkProps, 'href'> {
  ref?: Ref<HTMLAnchorElement>;
}
function NavLinkBase(props: NavLinkBaseProps) {
  return <NavLink {...props} />;
}
const CreatedNavLink = createLink(NavLinkBase);
/** Mantine NavLink that navigates with the router. */
export const RouterNavLink: LinkComponent<typeof NavLinkBase> = (props) => (
  <CreatedNavLink preload="intent" {...props} />
);

interface ButtonBaseProps extends Omit<ButtonProps, 'href'> {
  ref?: Ref<HTMLAnchorElement>;
}
function ButtonBase(props: ButtonBaseProps) {
  return <Button component="a" {...props} />;
}
const CreatedButtonLink = createLink(ButtonBase);
/** Mantine Button rendered as a router link. */
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => (
  <CreatedButtonLink preload="intent" {...props} />
);
