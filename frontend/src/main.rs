fn main() {
    atelier_frontend::mount();
}
